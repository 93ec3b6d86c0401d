# ---
# jupyter:
#   in_list:
#   - 'a
#
#     b'
#   - 'a
#
#
#     b'
#   - 'a
#
#     '
#   - '
#
#     a'
#   - "a \nb"
#   - "a\n b"
#   jupytext:
#     notebook_metadata_filter: all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   strings:
#     k00: 'a
#
#       b'
#     k01: 'a
#
#
#       b'
#     k02: 'a
#
#       '
#     k03: '
#
#       a'
#     k04: "a \nb"
#     k05: "a\n b"
#     k06: "a\n\n\n b "
#     k07: 'line1
#
#       line2
#
#       '
#     k08: '
#
#       '
#     k09: '
#
#
#       '
#     k10: 'it''s
#
#       fine'
#     k11: 'x: y
#
#       z'
#     k12: "tab\tand\nnewline"
#     k13: "caf\xE9\nx"
#     k14: " \n "
# ---

# %%
x = 1
