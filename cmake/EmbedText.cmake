# Writes a C++ source that holds a text file as a string constant, so that zconform carries the
# HTML report's template inside the binary (a report must be writable from any working directory).
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P EmbedText.cmake
file(READ "${INPUT}" text)
# A raw string literal cannot hold its own closing delimiter; the template never says it.
string(FIND "${text}" ")zc_embedded\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter )zc_embedded\"")
endif()
file(WRITE "${OUTPUT}.tmp"
     "// Generated from ${INPUT} by cmake/EmbedText.cmake: edit the template, not this file.\n"
     "#include <string_view>\n"
     "namespace zconform {\n"
     "extern const std::string_view ${SYMBOL};\n"
     "const std::string_view ${SYMBOL} = R\"zc_embedded(${text})zc_embedded\";\n"
     "}  // namespace zconform\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
