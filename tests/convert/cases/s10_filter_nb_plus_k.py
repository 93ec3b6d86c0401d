# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: +language_info,toc
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
#   language_info:
#     name: python
#   toc:
#     a: 1
# ---

# %%
x = 1
