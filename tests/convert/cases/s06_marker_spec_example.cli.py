# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% My title tags=["a", "b"] b z=1.5 u="caf\u00e9 \"q\" \\ \n" k={"n": [1, 2.0, true, null]} e=1e-07
x = 1
