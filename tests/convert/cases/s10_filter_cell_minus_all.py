# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1
