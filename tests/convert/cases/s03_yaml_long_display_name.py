# ---
# jupyter:
#   kernelspec:
#     display_name: word word word word word word word word word word word word word
#       word word word word word word word word end
#     language: python
#     name: python3
# ---

# %%
x = 1
