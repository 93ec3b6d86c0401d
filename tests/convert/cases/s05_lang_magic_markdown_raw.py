# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] language="bash"
# echo in markdown

# %% [raw] language="sh"
# echo in raw

# %% [markdown]
# %%time
# not a language
