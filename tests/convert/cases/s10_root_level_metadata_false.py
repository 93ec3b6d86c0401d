# ---
# b:
# - 1
# - 2
# jupyter:
#   jupytext:
#     root_level_metadata_as_raw_cell: false
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# title: t
# ---

# %% [raw]
# ---
# title: kept raw
# ---

# %%
x = 1
