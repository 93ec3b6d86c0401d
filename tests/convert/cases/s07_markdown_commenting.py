# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Title
#
#   
# Text with trailing space 
#
#
#

# %% [markdown]
# # %% not a marker
# %matplotlib
# !ls

# %% [markdown]
#

# %% [raw]
#

# %% [markdown]
#    

# %% [raw]
#
#
