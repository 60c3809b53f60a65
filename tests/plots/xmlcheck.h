/* xmlcheck: is a text well-formed XML? Enough of XML 1.0 for SVG: the declaration, a DOCTYPE
 * without an internal subset, comments, CDATA, elements with quoted attributes (no duplicates),
 * character and the five predefined entity references, one root element, and balanced tags.
 * It does not check names against a DTD. Returns 0, or -1 with the byte offset and reason. */
#ifndef CASELOAD_TEST_XMLCHECK_H
#define CASELOAD_TEST_XMLCHECK_H

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define XML_DEPTH 256

static int xml_fail(char *err, size_t errlen, size_t at, const char *why)
{
    snprintf(err, errlen, "byte %zu: %s", at, why);
    return -1;
}

static int xml_name_char(int c) { return isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':'; }

static size_t xml_name(const char *s, size_t i, size_t n)
{
    size_t j = i;
    if (j < n && (isalpha((unsigned char)s[j]) || s[j] == '_' || s[j] == ':'))
        for (j++; j < n && xml_name_char((unsigned char)s[j]); j++)
            ;
    return j - i;
}

/* An entity reference at s[i] == '&'; returns its length or 0. */
static size_t xml_entity(const char *s, size_t i, size_t n)
{
    static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t k = 0; k < 5; k++)
        if (n - i >= strlen(named[k]) && !strncmp(s + i, named[k], strlen(named[k])))
            return strlen(named[k]);
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        j++;
        int hex = j < n && s[j] == 'x';
        j += hex;
        size_t d = j;
        while (j < n && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j])))
            j++;
        if (j > d && j < n && s[j] == ';')
            return j + 1 - i;
    }
    return 0;
}

/* Text or an attribute value up to a stop character: every '&' must start a reference. */
static int xml_text(const char *s, size_t *i, size_t n, char stop, char *err, size_t errlen)
{
    while (*i < n && s[*i] != stop) {
        if (s[*i] == '&') {
            size_t e = xml_entity(s, *i, n);
            if (!e)
                return xml_fail(err, errlen, *i, "bad entity reference");
            *i += e;
        } else if (stop == '"' && s[*i] == '<') {
            return xml_fail(err, errlen, *i, "'<' in an attribute value");
        } else {
            (*i)++;
        }
    }
    return 0;
}

/* A start tag at s[i] == '<'; pushes its name unless it is empty (self-closing). */
static int xml_start_tag(const char *s, size_t *i, size_t n, const char **stack, size_t *lens,
                         int *depth, char *err, size_t errlen)
{
    size_t at = *i, nl = xml_name(s, *i + 1, n);
    if (!nl)
        return xml_fail(err, errlen, at, "bad element name");
    const char *name = s + *i + 1;
    *i += 1 + nl;
    const char *attrs[64];
    size_t alens[64];
    int na = 0;
    for (;;) {
        size_t ws = *i;
        while (*i < n && isspace((unsigned char)s[*i]))
            (*i)++;
        if (*i >= n)
            return xml_fail(err, errlen, at, "unterminated tag");
        if (s[*i] == '>' || (s[*i] == '/' && *i + 1 < n && s[*i + 1] == '>'))
            break;
        size_t an = xml_name(s, *i, n);
        if (!an || *i == ws)
            return xml_fail(err, errlen, *i, "bad attribute");
        for (int k = 0; k < na; k++)
            if (alens[k] == an && !strncmp(attrs[k], s + *i, an))
                return xml_fail(err, errlen, *i, "duplicate attribute");
        if (na < 64) {
            attrs[na] = s + *i;
            alens[na++] = an;
        }
        *i += an;
        if (*i + 1 >= n || s[*i] != '=' || (s[*i + 1] != '"' && s[*i + 1] != '\''))
            return xml_fail(err, errlen, *i, "attribute without a quoted value");
        char q = s[*i + 1];
        *i += 2;
        if (xml_text(s, i, n, q, err, errlen))
            return -1;
        if (*i >= n)
            return xml_fail(err, errlen, at, "unterminated attribute value");
        (*i)++;
    }
    if (s[*i] == '/') {
        *i += 2;
        return 0;
    }
    (*i)++;
    if (*depth >= XML_DEPTH)
        return xml_fail(err, errlen, at, "nested too deep");
    stack[*depth] = name;
    lens[(*depth)++] = nl;
    return 0;
}

static int xml_skip(const char *s, size_t *i, size_t n, const char *open, const char *close,
                    char *err, size_t errlen)
{
    size_t at = *i;
    const char *end = NULL;
    *i += strlen(open);
    for (size_t j = *i; j + strlen(close) <= n; j++)
        if (!strncmp(s + j, close, strlen(close))) {
            end = s + j;
            break;
        }
    if (!end)
        return xml_fail(err, errlen, at, "unterminated comment, CDATA or declaration");
    *i = (size_t)(end - s) + strlen(close);
    return 0;
}

static int xml_wellformed(const char *s, size_t n, char *err, size_t errlen)
{
    const char *stack[XML_DEPTH];
    size_t lens[XML_DEPTH], i = 0;
    int depth = 0, roots = 0;
    while (i < n) {
        if (s[i] != '<') {
            if (depth == 0 && !isspace((unsigned char)s[i]))
                return xml_fail(err, errlen, i, "text outside the root element");
            if (xml_text(s, &i, n, '<', err, errlen))
                return -1;
            continue;
        }
        int rc = 0;
        if (!strncmp(s + i, "<?", 2))
            rc = xml_skip(s, &i, n, "<?", "?>", err, errlen);
        else if (!strncmp(s + i, "<!--", 4))
            rc = xml_skip(s, &i, n, "<!--", "-->", err, errlen);
        else if (!strncmp(s + i, "<![CDATA[", 9))
            rc = depth ? xml_skip(s, &i, n, "<![CDATA[", "]]>", err, errlen)
                       : xml_fail(err, errlen, i, "CDATA outside the root");
        else if (!strncmp(s + i, "<!DOCTYPE", 9))
            rc = roots ? xml_fail(err, errlen, i, "DOCTYPE after the root")
                       : xml_skip(s, &i, n, "<!DOCTYPE", ">", err, errlen);
        else if (s[i + 1] == '/') {
            size_t nl = xml_name(s, i + 2, n);
            if (!depth || nl != lens[depth - 1] || strncmp(s + i + 2, stack[depth - 1], nl))
                return xml_fail(err, errlen, i, "end tag does not match the open element");
            i += 2 + nl;
            while (i < n && isspace((unsigned char)s[i]))
                i++;
            if (i >= n || s[i] != '>')
                return xml_fail(err, errlen, i, "bad end tag");
            i++;
            depth--;
        } else {
            if (depth == 0 && roots++)
                return xml_fail(err, errlen, i, "a second root element");
            rc = xml_start_tag(s, &i, n, stack, lens, &depth, err, errlen);
        }
        if (rc)
            return rc;
    }
    if (depth)
        return xml_fail(err, errlen, n, "elements left open at the end");
    if (!roots)
        return xml_fail(err, errlen, 0, "no root element");
    return 0;
}

#endif
