# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: New
#     language: python
#     name: python3
# ---

# %% a=3 b=2 tags=["y", "z"]
second = 2
