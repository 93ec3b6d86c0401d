#!/usr/bin/python3
"""Generate the YAML emitter test cases (tests/yaml/cases, tests/yaml/random).

For each case NAME this writes NAME.json (the input) and NAME.yaml, which is
`yaml.safe_dump(json.loads(<NAME.json text>), default_flow_style=False)`
from PyYAML 6.0, the oracle tito's emitter (shared/jupytext/yaml.c) must match
byte for byte. The outputs are committed so the tests do not need PyYAML.

Run with Debian's interpreter, which has python3-yaml (PyYAML 6.0):
    /usr/bin/python3 scripts/dev/gen-yaml-cases.py
It removes and rewrites every *.json / *.yaml in both folders.
"""
import json
import math
import os
import random
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CASES = os.path.join(ROOT, "tests", "yaml", "cases")
RANDOM = os.path.join(ROOT, "tests", "yaml", "random")


class Raw:
    """A case given as JSON text, for inputs json.dumps cannot produce
    (big ints, -0, duplicate keys, exotic number spellings)."""

    def __init__(self, text):
        self.text = text


def dump_case(folder, name, value):
    text = value.text if isinstance(value, Raw) else json.dumps(value, ensure_ascii=False)
    data = json.loads(text)
    out = yaml.safe_dump(data, default_flow_style=False)
    with open(os.path.join(folder, name + ".json"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    with open(os.path.join(folder, name + ".yaml"), "w", encoding="utf-8", newline="") as f:
        f.write(out)


def clean(folder):
    os.makedirs(folder, exist_ok=True)
    for fn in os.listdir(folder):
        if fn.endswith(".json") or fn.endswith(".yaml"):
            os.remove(os.path.join(folder, fn))


# Strings that collide with an implicit resolver (must be quoted) or look like
# they might but do not (stay plain). Each becomes one case, used as a value,
# a list item and a key.
RESOLVER_STRINGS = {
    "bool": ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false",
             "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
             "yEs", "tRUE", "oN", "yes\n"],
    "null": ["~", "null", "Null", "NULL", "nULL", "nil", "None", "~~", ""],
    "int": ["0", "00", "07", "08", "09", "0_", "1_000", "-1_000", "+12", "-0", "+0",
            "0b101", "0b", "0b2", "-0b1_1", "0o17", "0x1F", "0x", "0x1g", "0xFF_FF",
            "-0x1F", "0X1F", "1:30", "1:60", "1:5", "190:20:30", "-1:30", "0:30",
            "1:30:", "1::30", "12345678901234567890", "1_", "_1"],
    "float": [".5", ".5e+3", ".5e3", "1e3", "1.0e+3", "1.0e3", "1.0E-3", "1.", "-1.",
              "+.5", "1_0.5", "1.5_", "._5", "+.inf", ".inf", "-.Inf", ".INF", ".iNf",
              "-.inf", "+.inf", ".NaN", ".nan", ".NAN", "-.nan", "nan", "inf", "NaN",
              "Infinity", "1:30.5", "-1:30.", "1:30:59.99", "1:60.5", "1.2.3",
              "1.19.5.dev0", "1.3", "3.10", "1e", "1.e+", "1.0e+"],
    "timestamp": ["2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
                  "2001-12-15T02:59:43.1Z", "2001-12-15 2:59:43.10", "2002-12-14",
                  "2001-1-1", "2001-1-1 1:02:03", "2001-12-14 21:59:43", "2001-12-14\t21:59:43",
                  "2001-12-14  \t 21:59:43.10 Z", "2001-12-14 21:59:43 +5:30",
                  "2001-12-14 21:59:43 +5:3", "2001-12-14T21:59:43.", "2001-12-14T21:59",
                  "2001-12-1", "01-12-14", "2001/12/14", "2001-12-14x", "20011-12-14"],
    "other": ["<<", "=", "<<<", "==", "<", "!", "&", "*", "!a", "&a", "*a"],
}

# Scalars that are fine for the resolver but hit analyze_scalar's rules.
SPECIAL_STRINGS = [
    # leading / trailing spaces
    " a", "a ", " ", "  ", "a  b", " a b ",
    # ": " and " #" inside
    "a: b", "a:b", "a:", "a :", "a #b", "a#b", "a# b", "#a", "a\t#b",
    "Python [conda env:base]", "http://x.org/a#b",
    # every special first character
    "#x", ",x", "[x", "]x", "{x", "}x", "&x", "*x", "!x", "|x", ">x", "'x", "\"x",
    "%x", "@x", "`x", "x,y", "x[y]", "x{y}", "x&y*z!|>'\"%@`",
    # ? : - followed by space or not
    "?x", "? x", "?", ":x", ": x", ":", "-x", "- x", "-", "--", "-1x", "x-", "x?", "x:y",
    # document markers
    "---", "--- x", "---x", "...", "... x", "...x", "-- -", ". ..",
    # tabs and control characters
    "\t", "a\tb", "\ta", "a\t", "\x00", "a\x00b", "\x01\x02\x03\x04\x05\x06\x07\x08",
    "\x0b\x0c\x0d\x0e\x0f\x10\x1a\x1b\x1c\x1f", "\x7f", "\r", "a\r\nb", "\x08\x1b[0m",
    # non-ASCII
    "é", "café", "–", "Python 3 – venv", "😀", "a😀b", "\U0010FFFF", "\uffff", "\ufffd",
    "\x85", "a\x85b", "\u2028", "a\u2028b", "\u2029", "\ufeff", "\ufeffa", "\xa0", "a\xa0b",
    "\x80", "\x9f", "\xff", "\u0100", "\ud7ff", "\ue000", "日本語",
    # quotes and backslashes
    "it's", "'", "''", "\"", "a\"b", "\\", "a\\b", "C:\\path\\to", "'quoted'", "\"dq\"",
    # multi-line
    "a\nb", "a\n\nb", "a\n\n\nb", "\na", "a\n", "\n", "\n\n", "a\n ", "a \nb", "a\n b",
    "a\n\n b", "a\nb\n", " a\nb", "a\nb ", "'a'\n'b'", "a'\nb", "a\n\tb", "a\n\x85b",
    "line one\nline two\nline three\n",
]

LONG = "word " * 21 + "end"


def long_strings():
    w = [
        ("plain_21_words", LONG),
        ("plain_exact_80", "x" * 40 + " " + "y" * 39),
        ("plain_81", "x" * 40 + " " + "y" * 40),
        ("plain_long_words", ("a" * 85 + " ") * 3 + "b"),
        ("plain_double_spaces", ("ab  " * 30).strip()),
        ("plain_mixed_spaces", " ".join(["ab", "cd  ef"] * 20)),
        ("plain_one_word_200", "z" * 200),
        ("single_long", "it's " + LONG),
        ("single_long_colon", "key: " + LONG),
        ("single_long_multiline", LONG + "\n" + LONG + "\n\n" + LONG),
        ("single_long_quotes", "'" * 100 + " " + "'" * 100),
        ("single_long_leading_space", " " + LONG + " " + LONG),
        ("double_long", "tab\t" + LONG + " é " + LONG),
        ("double_long_escapes", "é" * 60),
        ("double_long_escape_runs", ("\x00\x01 " * 40)),
        ("double_long_spaces", "é" + " " * 100 + "x"),
        ("double_long_space_runs", ("é  " + "w" * 10 + "   ") * 10),
        ("double_long_words", "é " + ("q" * 90 + " ") * 3),
        ("double_long_emoji", "😀 " * 50),
        ("double_long_multiline", "é " + LONG + "\n" + LONG + " \n " + LONG),
        ("double_fold_at_space_after_escape", "\t" * 30 + " " + "a " * 40),
        ("double_long_quotes", ("\"q\" " * 40)),
        ("double_long_backslash", ("\\ " * 60)),
    ]
    return w


def jupytext_headers():
    ks = {"display_name": "Python 3", "language": "python", "name": "python3"}
    tr = {"extension": ".py", "format_name": "percent", "format_version": "1.3",
          "jupytext_version": "1.19.5.dev0"}
    return [
        ("header_default", {"jupyter": {"jupytext": {"text_representation": tr}, "kernelspec": ks}}),
        ("header_conda", {"jupyter": {"kernelspec": {
            "display_name": "Python 3.10.4 64-bit ('base': conda)", "language": "python",
            "name": "python3"}}}),
        ("header_env_brackets", {"jupyter": {"kernelspec": {
            "display_name": "Python [conda env:base] *", "language": "python",
            "name": "conda-env-base-py"}}}),
        ("header_unicode_name", {"jupyter": {"kernelspec": {
            "display_name": "Python 3 – venv 😀", "language": "python", "name": "venv"}}}),
        ("header_long_name", {"jupyter": {"kernelspec": {
            "display_name": LONG, "language": "python", "name": "python3"}}}),
        ("header_full", {"jupyter": {
            "jupytext": {"formats": "ipynb,py:percent", "cell_metadata_filter": "-all",
                         "notebook_metadata_filter": "all,-language_info",
                         "comment_magics": False, "main_language": "R",
                         "text_representation": tr},
            "kernel_info": {"name": "python3"},
            "kernelspec": {"display_name": "R", "language": "R", "name": "ir"},
            "orphan": True, "tocdepth": 2}}),
        ("header_nbdev", {"jupyter": {"jupytext": {"formats": "ipynb,py:percent"},
                                      "kernelspec": {"display_name": "Python 3 (ipykernel)",
                                                     "language": "python", "name": "python3"}},
                          "title": "01 Tensor: the foundation", "#| default_exp": "core.tensor"}),
    ]


def structure_cases():
    return [
        ("top_string", "foo"),
        ("top_quoted", "yes"),
        ("top_double", "é"),
        ("top_empty_string", ""),
        ("top_null", None),
        ("top_true", True),
        ("top_int", 42),
        ("top_float", 1.5),
        ("top_long_plain", LONG),
        ("top_long_double", "é" + LONG),
        ("top_multiline", "a\nb"),
        ("top_empty_list", []),
        ("top_empty_dict", {}),
        ("top_list", [1, "a", None]),
        ("list_of_lists", [[1, 2], [[3, []], {}], [], [[["deep"]]]]),
        ("list_of_mappings", [{"b": 1, "a": 2}, {"x": {"y": [1, {"z": None}]}}, {}]),
        ("mapping_in_list_in_mapping", {"k": [{"a": [{"b": {"c": [1]}}]}, "s"]}),
        ("empty_values", {"a": [], "b": {}, "c": "", "d": [[]], "e": [{}], "f": {"g": {}}}),
        ("nested_deep", {"a": {"b": {"c": {"d": {"e": {"f": {"g": LONG}}}}}}}),
        ("list_deep_long", [[[[["it's " + LONG, "é" + LONG]]]]]),
        ("key_order", {"b": 1, "a": 2, "B": 3, "_": 4, "é": 5, "e": 6, "~": 7, "10": 8,
                       "9": 9, "a b": 10, "a": 11, "😀": 12, "\uffff": 13, "": 14}),
        ("key_empty", {"": "v"}),
        ("key_empty_list_value", {"": [1, 2], "a": {"": {}}}),
        ("key_122", {"k" * 122: 1}),
        ("key_123", {"k" * 123: 1}),
        ("key_128", {"k" * 128: "v"}),
        ("key_long_with_list", {"k" * 130: [1, {"a": "b"}]}),
        ("key_long_with_dict", {"k" * 130: {"a": "b", "c": []}}),
        ("key_long_folding", {LONG + " " + LONG: "v"}),
        ("key_long_single", {"it's " + LONG + " " + LONG: {"x": 1}}),
        ("key_long_double", {"é " + LONG + " " + LONG: [1]}),
        ("key_122_unicode", {"é" * 122: 1, "é" * 123: 2}),
        ("key_multiline", {"a\nb": 1}),
        ("key_multiline_list", {"a\nb": [1, 2]}),
        ("key_multiline_dict", {"a\nb": {"c": "d"}}),
        ("key_multiline_double", {"a \nb": 1, "é\n": [], "\n": {}}),
        ("key_special", {"yes": 1, "1": 2, "a: b": 3, "é": 4, " a": 5, "-": 6, "?": 7}),
        ("key_in_list_complex", [{"k" * 130: 1, "a\nb": [2]}]),
        ("numbers_big", Raw('[123456789012345678901234567890, -98765432109876543210987654321, 0, -0]')),
        ("numbers_floats", Raw('[0.1, -0.0, 0.0, 1e16, 1e-5, 1E+300, 2.5e-308, 5e-324, 1.7976931348623157e308, 123456789.123, 1e22, 1.0, 100.0, 1e15]')),
        ("numbers_special", Raw('{"nan": NaN, "inf": Infinity, "ninf": -Infinity, "big": 1e400, "nbig": -1e400}')),
        ("numbers_ints", [0, 1, -1, 2**31, 2**63, -2**63 - 1, 10**30]),
        ("bools_nulls", {"t": True, "f": False, "n": None, "l": [True, False, None]}),
        ("duplicate_keys", Raw('{"b": 1, "a": 2, "b": 3}')),
        # json.loads keeps lone surrogates; PyYAML escapes them as \uD800.
        ("lone_surrogates", Raw('{"a": ["\\ud800", "x\\udfffy", "\\udbff\\udfff"], '
                                '"\\ud800": 1, "\\ue000": 2, "\\ud7ff": 3, "\\ud83d\\ude00": 4}')),
        ("escaped_ascii_input", Raw('{"\\u00e9t\\u00e9": "caf\\u00e9 \\u2013 \\ud83d\\ude00", "t": "\\t\\u0000"}')),
        ("mixed_list", [None, True, 0, 0.5, "s", [], {}, ["x"], {"k": "v"}]),
    ]


def fixed_cases():
    cases = []
    for kind, strings in RESOLVER_STRINGS.items():
        for i, s in enumerate(strings):
            cases.append(("resolve_%s_%02d" % (kind, i), {"k": s, "l": [s], s: "v"}))
    for i, s in enumerate(SPECIAL_STRINGS):
        cases.append(("special_%03d" % i, {"k": s, "l": [s, [s]], s: "v"}))
    for name, s in long_strings():
        cases.append(("long_" + name, s))
        cases.append(("long_%s_nested" % name, {"a": {"bb": [s, {"c": s}]}, "k": s}))
        cases.append(("long_%s_list" % name, [[s], {"ddddd": {"eeeeeeee": {"f": s}}}]))
    cases.extend(structure_cases())
    cases.extend(jupytext_headers())
    return cases


# ---- random ---------------------------------------------------------------

PIECES = ["a", "b", "xyz", "word", " ", " ", " ", "  ", "\n", "\n\n", "\t", "'", "\"",
          "\\", ":", ": ", " #", "#", "-", "- ", "?", "? ", ",", "[", "]", "{", "}", "&",
          "*", "!", "|", ">", "%", "@", "`", "é", "–", "😀", "\x85", "\u2028", "\u2029",
          "\ufeff", "\xa0", "\x00", "\x07", "\x1b", "\x7f", "\r", "yes", "No", "1", "0x1F",
          ".5", "1e3", "1:30", "2001-12-14", "---", "...", "~", "null", "<<", "=",
          "x" * 30, "y" * 90, "1_000", "0o17", "ON"]


def random_string(rng):
    r = rng.random()
    if r < 0.1:
        return rng.choice(PIECES)
    if r < 0.3:
        # long prose, mostly plain with the odd tricky piece: exercises folding
        words = []
        for _ in range(rng.randint(10, 60)):
            words.append(rng.choice(["lorem", "ipsum", "dolor", "sit", "amet", "x" * rng.randint(1, 12)])
                         if rng.random() < 0.9 else rng.choice(PIECES))
        sep = rng.choice([" ", " ", " ", "  "])
        return sep.join(words)
    n = rng.randint(1, 25)
    return "".join(rng.choice(PIECES) for _ in range(n))


def random_scalar(rng):
    r = rng.random()
    if r < 0.75:
        return random_string(rng)
    if r < 0.8:
        return rng.choice([None, True, False])
    if r < 0.9:
        return rng.choice([rng.randint(-10**6, 10**6), rng.randint(-10**30, 10**30)])
    return rng.choice([rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-30, 30),
                       float(rng.randint(-100, 100)), 0.0, -0.0])


def random_value(rng, depth):
    r = rng.random()
    if depth >= 4 or r < 0.35:
        return random_scalar(rng)
    if r < 0.65:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    d = {}
    for _ in range(rng.randint(0, 5)):
        k = random_string(rng) if rng.random() < 0.5 else rng.choice(["a", "b", "name", "k%d" % rng.randint(0, 99)])
        d[k] = random_value(rng, depth + 1)
    return d


def random_cases(count, seed):
    rng = random.Random(seed)
    out = []
    for i in range(count):
        v = random_value(rng, 0)
        if not isinstance(v, dict) and rng.random() < 0.7:
            v = {"root": v}
        out.append(("random_%03d" % i, v))
    return out


def main():
    if yaml.__version__ != "6.0":
        sys.exit("need PyYAML 6.0 (Debian python3-yaml), found %s: run /usr/bin/python3" % yaml.__version__)
    clean(CASES)
    clean(RANDOM)
    cases = fixed_cases()
    names = [n for n, _ in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    for name, value in cases:
        dump_case(CASES, name, value)
    rand = random_cases(300, 20260701)
    for name, value in rand:
        dump_case(RANDOM, name, value)
    print("%d cases in %s, %d in %s" % (len(cases), CASES, len(rand), RANDOM))


if __name__ == "__main__":
    main()
