# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python [conda env:base] *
#     language: python
#     name: conda-env-base-py
# ---

# %%
x = 1
