# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: +collapsed,-tags
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% collapsed=true k=1
x = 1
