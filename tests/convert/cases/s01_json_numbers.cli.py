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
#   nums:
#     big: 123456789012345678901234567890
#     e: 100000.0
#     f: 1.0
#     g: 0.1
#     h: 1.0e-07
#     i: 1.0e+16
#     j: .inf
#     k: .nan
#     l: .inf
#     m: -.inf
#     n: 5.0e-324
#     negzero: 0
#     negzerof: -0.0
#     o: 123456789.123
#     p: 1.0e+22
#     q: 1.0e-05
#     r: 1.2345678901234568e+16
# ---

# %% negzero=0 negzerof=-0.0 big=123456789012345678901234567890 nbig=-98765432109876543210 e=100000.0 f=1.0 g=0.1 h=1e-07 i=1e+16 j=Infinity k=NaN l=Infinity m=-Infinity n=5e-324 o=123456789.123 p=1.7976931348623157e+308 q=100 r=2.5e+20
x = 1
