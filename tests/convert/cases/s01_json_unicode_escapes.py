# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] k="\u00e9\ud83d\ude00\u0001"
# café 😀 ☃ tab	end

# %%
s = "üñîçødé"  # 中文
