# embed.cmake: IN (a file) -> OUT, a C file defining serve_page_html (its bytes, then a NUL) and
# serve_page_html_len, so the page ships inside the executable and is edited as plain HTML.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" body "${body}")
file(WRITE ${OUT} "/* Generated from ${IN} by embed.cmake: edit the HTML, not this. */\n"
     "#include <stddef.h>\n\n"
     "extern const unsigned char serve_page_html[];\n"
     "extern const size_t serve_page_html_len;\n"
     "const unsigned char serve_page_html[] = {\n${body}0};\n"
     "const size_t serve_page_html_len = ${bytes};\n")
