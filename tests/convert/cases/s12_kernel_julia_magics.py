# ---
# jupyter:
#   kernelspec:
#     display_name: julia
#     language: julia
#     name: julia-1.9
# ---

# %%
# %time x
!ls
ls
cd ..
?x
x = !pwd
# # %time
# %%time x
x = 1

# %% language="python"
# x = 1

# %% [markdown] language="bash"
# ls
