# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: -kernelspec.display_name,language_info.name
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     language: python
#     name: python3
#   language_info:
#     name: python
# ---

# %%
x = 1
