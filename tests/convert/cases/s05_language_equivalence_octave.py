# ---
# jupyter:
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
