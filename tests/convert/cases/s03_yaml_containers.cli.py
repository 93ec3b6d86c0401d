# ---
# jupyter:
#   containers:
#     empty_list: []
#     empty_map: {}
#     list_in_list:
#     - - 1
#       - 2
#     - []
#     - - - 3
#     - {}
#     list_of_empty:
#     - {}
#     - []
#     list_of_maps:
#     - a: 2
#       b: 1
#     - c:
#         d:
#         - 1
#         - 2
#     map_of_lists:
#       x: []
#       y:
#       - a
#       - null
#       - true
#   jupytext:
#     notebook_metadata_filter: all
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

# %%
x = 1
