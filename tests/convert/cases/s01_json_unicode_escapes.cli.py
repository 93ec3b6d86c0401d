# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown] k="\u00e9\ud83d\ude00\u0001"
# café 😀 ☃ tab	end

# %%
s = "üñîçødé"  # 中文
