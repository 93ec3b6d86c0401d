# Turns a file into a C array: -DIN=file -DOUT=out.c -DSYM=name
file(READ ${IN} HEX HEX)
string(LENGTH "${HEX}" HEXLEN)
math(EXPR LEN "${HEXLEN} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BODY "${HEX}")
file(WRITE ${OUT} "#include <stddef.h>\nconst unsigned char ${SYM}[] = {${BODY}0x00};\nconst size_t ${SYM}_len = ${LEN};\n")
