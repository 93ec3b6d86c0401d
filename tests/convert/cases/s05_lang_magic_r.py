# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="R"
# x <- c(1, 2)
# plot(x)

# %%
y = 1
