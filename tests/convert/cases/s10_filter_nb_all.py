# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
#   toc: true
#   widgets:
#     a: 1
# ---

# %%
x = 1
