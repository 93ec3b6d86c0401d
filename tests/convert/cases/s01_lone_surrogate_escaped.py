# ---
# jupyter:
#   kernelspec:
#     display_name: "Py \uD800 x"
#     language: python
#     name: python3
# ---

# %% [markdown] k="\udfff"
# m
