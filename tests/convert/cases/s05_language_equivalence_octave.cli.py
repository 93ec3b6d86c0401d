# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Octave
#     language: octave
#     name: octave
# ---

# %% language="octave"
x = 1

# %% language="matlab"
y = 2

# %%
z = 3
