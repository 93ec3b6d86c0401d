#!/usr/bin/python
# %%
x = 1

# %% [markdown]
# m
