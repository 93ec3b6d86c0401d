# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: all,-k
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% collapsed=true tags=["a"]
x = 1
