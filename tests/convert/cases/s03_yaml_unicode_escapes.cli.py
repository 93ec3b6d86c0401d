# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   strings:
#     k00: "caf\xE9"
#     k01: "\u2013"
#     k02: "\U0001F600"
#     k03: "nel\Nx"
#     k04: "nbsp\_x"
#     k05: "bom\uFEFFx"
#     k06: "ls\Lx"
#     k07: "ps\Px"
#     k08: "bell\a"
#     k09: "esc\e"
#     k10: "del\x7F"
#     k11: "nul\0x"
#     k12: "ctl\x01\x02\x1F"
#     k13: "\b\v\f\r"
#     k14: back\slash
#     k15: dq"x
#     k16: sq'x
#     k17: "\xFF\u0100\uFFFF\U00010000"
#     k18: "\uD7FF\uE000"
# ---

# %%
x = 1
