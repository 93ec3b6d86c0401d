# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: k,-all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% k=1
x = 1
