# -*- coding: utf-8 -*-
# ---
# jupyter:
#   kernelspec:
#     display_name: R
#     language: R
#     name: ir
# ---

# %% [markdown]
# café

# %%
x <- 1
