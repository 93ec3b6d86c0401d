# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: C++17
#     language: C++17
#     name: xcpp17
# ---

# %% [markdown]
# Some C++

# %%
int x = 1;
