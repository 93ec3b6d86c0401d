# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all,-widgets
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %%
x = 1
