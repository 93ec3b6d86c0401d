# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   scalars:
#     big: 1000000000000000000000000000000
#     e15: 1000000000000000.0
#     e22: 1.0e+22
#     e_minus4: 0.0001
#     f: false
#     fl: 1.5
#     hundred: 100.0
#     i: 42
#     inf: .inf
#     large: 1.0e+16
#     n: null
#     nan: .nan
#     neg: -7
#     negzero: -0.0
#     ninf: -.inf
#     small: 1.0e-05
#     t: true
#     third: 0.3333333333333333
#     tiny: 5.0e-324
# ---

# %%
x = 1
