# ---
# jupyter:
#   jupytext:
#     custom_cell_magics: mymagic,other
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

# %% language="mymagic"
# x = 1

# %% magic_args="a b" language="other"
# y

# %%
# %%notlisted
z
