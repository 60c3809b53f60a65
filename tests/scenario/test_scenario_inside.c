/* scn_load_buffer_inside: text from the web page of `caseload serve` may inherit only files
 * directly in the scenarios folder. A base with a folder, "..", an absolute path or a link out of
 * the folder is refused at its line, and the message never holds the outside file's text; a plain
 * name in the folder loads as scn_load_buffer would. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "scenario.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK_MSG(f != NULL, "cannot write %s\n", path);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Loads "[scenario]\nbase = BASE\n" confined to root; returns the loader's result, err filled. */
static int load_with_base(const char *root, const char *base, char *err, size_t errlen)
{
    char name[600], text[300];
    snprintf(name, sizeof name, "%s/workshop.ini", root);
    snprintf(text, sizeof text, "[scenario]\nname = Workshop\nbase = %s\n", base);
    scn_scenario s;
    int rc = scn_load_buffer_inside(&s, root, name, text, strlen(text), err, errlen);
    scn_free(&s);
    return rc;
}

int main(void)
{
    char tmpl[] = "/tmp/caseload-inside-XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    if (!dir)
        return check_done("test_scenario_inside");
    char root[512], path[700], outside[600];
    snprintf(root, sizeof root, "%s/scenarios", dir);
    snprintf(outside, sizeof outside, "%s/secret.ini", dir);
    CHECK(mkdir(root, 0700) == 0);
    write_file(outside, "[scenario]\nname = top secret words\n");
    snprintf(path, sizeof path, "%s/base.ini", root);
    write_file(path, "[scenario]\nname = The base\n[staff \"social_worker\"]\nfte = 40\n");
    snprintf(path, sizeof path, "%s/link.ini", root);
    CHECK(symlink(outside, path) == 0);

    char err[1024];
    /* a plain name in the folder: loads, and the base's values arrive */
    CHECK_MSG(load_with_base(root, "base.ini", err, sizeof err) == 0, "%s\n", err);

    static const char *const refused[] = {"../secret.ini", "/etc/passwd", "..", "sub/x.ini",
                                          "link.ini"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        CHECK_MSG(load_with_base(root, refused[i], err, sizeof err) < 0, "%s loaded\n",
                  refused[i]);
        CHECK_HAS(err, "workshop.ini:3: ");
        CHECK_HAS(err, "scenarios folder");
        CHECK_MSG(!strstr(err, "top secret"), "%s\n", err);
    }
    /* unconfined, the same link is followed (the command line trusts its own files) */
    char name[600];
    snprintf(name, sizeof name, "%s/workshop.ini", root);
    const char *text = "[scenario]\nbase = link.ini\n";
    scn_scenario s;
    CHECK_MSG(scn_load_buffer(&s, name, text, strlen(text), NULL, 0, err, sizeof err) == 0, "%s\n",
              err);
    CHECK_STR(s.params.name, "top secret words");
    scn_free(&s);

    unlink(path);
    snprintf(path, sizeof path, "%s/base.ini", root);
    unlink(path);
    unlink(outside);
    rmdir(root);
    rmdir(dir);
    return check_done("test_scenario_inside");
}
