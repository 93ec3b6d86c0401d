# ---
# jupyter:
#   extra: 1
#   jupytext:
#     cell_metadata_filter: all,-b
#     notebook_metadata_filter: extra,-kernelspec
# ---

# %% tags=["t"] a=1
x = 1
