# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   keys:
#     ? ''
#     : 14
#     ' sp': 16
#     '-':
#     - 1
#     - 2
#     '1.5': null
#     '10': 7
#     '9': 8
#     B: 1
#     Z: 4
#     _: 3
#     a: 2
#     'a: b': 15
#     "caf\xE9": 5
#     ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
#     : 11
#     ? llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll
#     : 12
#     ? mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm
#     : x: 1
#     ? 'multi
#
#       line'
#     : 13
#     'null': 10
#     'true':
#       nested: true
#     'yes': 9
#     "\U0001F600": 6
# ---

# %%
x = 1
