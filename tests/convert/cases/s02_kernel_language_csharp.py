# ---
# jupyter:
#   kernelspec:
#     display_name: .NET (C#)
#     language: C#
#     name: .net-csharp
# ---

# %% [markdown]
# Some C#

# %%
var x = 1;
