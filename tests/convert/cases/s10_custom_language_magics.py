# ---
# jupyter:
#   jupytext:
#     custom_cell_magics: foo
#     custom_language_magics: bar
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="foo"
# x

# %% magic_args="a" language="bar"
# y

# %%
# %%baz
z
