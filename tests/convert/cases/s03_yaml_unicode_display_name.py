# ---
# jupyter:
#   kernelspec:
#     display_name: "Python 3 \u2013 venv \U0001F600 caf\xE9"
#     language: python
#     name: python3
# ---

# %%
x = 1
