# ---
# jupyter:
#   extra: 1
#   jupytext:
#     cell_metadata_filter: all,-b
#     notebook_metadata_filter: extra,-kernelspec
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
# ---

# %% tags=["t"] a=1
x = 1
