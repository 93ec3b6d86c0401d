# ---
# jupyter:
#   jupytext:
#     cell_metadata_json: true
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% {"tags": ["a"], "n": null}
x = 1

# %% T [markdown] {"k": [1]}
# md

# %%
y = 2
