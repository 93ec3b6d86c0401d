# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: -kernelspec.display_name,language_info.name
#   kernelspec:
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %%
x = 1
