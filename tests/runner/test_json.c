/* json writer: exact output for nesting, escaping, numbers and null. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "json.h"

static char *capture(void (*fn)(json_writer *), int inline_depth)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_writer w;
    json_init(&w, f, inline_depth);
    fn(&w);
    fclose(f);
    return buf;
}

static void doc(json_writer *w)
{
    json_begin_object(w);
    json_key(w, "s");
    json_string(w, "a\"b\\c\n\t\x01 \xc2\xa3 \xff end");
    json_key(w, "n");
    json_begin_array(w);
    json_number(w, 1.5);
    json_number(w, NAN);
    json_number(w, 1.0 / 3.0);
    json_number(w, 1e21);
    json_number(w, -INFINITY);
    json_uint(w, 18446744073709551615ull);
    json_end_array(w);
    json_key(w, "o");
    json_begin_object(w);
    json_key(w, "t");
    json_bool(w, 1);
    json_key(w, "f");
    json_bool(w, 0);
    json_key(w, "z");
    json_null(w);
    json_end_object(w);
    json_key(w, "e");
    json_begin_array(w);
    json_end_array(w);
    json_end_object(w);
    json_finish(w);
}

int main(void)
{
    char *s = capture(doc, 2);
    const char *want = "{\n"
                       "  \"s\": \"a\\\"b\\\\c\\n\\t\\u0001 \xc2\xa3 \\ufffd end\",\n"
                       "  \"n\": [1.5, null, 0.3333333333, 1e+21, null, 18446744073709551615],\n"
                       "  \"o\": {\"t\": true, \"f\": false, \"z\": null},\n"
                       "  \"e\": []\n"
                       "}\n";
    if (strcmp(s, want)) {
        fprintf(stderr, "got:\n%s\nwant:\n%s\n", s, want);
        CHECK(0);
    }
    free(s);
    s = capture(doc, 0);
    CHECK(strstr(s, "\"n\": [\n    1.5,\n    null,") != NULL);
    free(s);
    /* truncated and overlong UTF-8 sequences are replaced, not copied */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    json_write_string(f, "x\xe2\x82" "\xc0\xaf\xed\xa0\x80y");
    fclose(f);
    CHECK(strcmp(buf, "\"x\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffdy\"") == 0);
    if (strcmp(buf, "\"x\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffdy\""))
        fprintf(stderr, "got %s\n", buf);
    free(buf);
    return check_done("test_json");
}
