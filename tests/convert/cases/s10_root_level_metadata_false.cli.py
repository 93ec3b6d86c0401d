# ---
# b:
# - 1
# - 2
# jupyter:
#   jupytext:
#     root_level_metadata_as_raw_cell: false
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
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
