# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: .NET (C#)
#     language: C#
#     name: .net-csharp
# ---

# %%
%%cs
var x = 1;

# %%
%%c#
var y = 2;

# %%
%%csharp
var z = 3;

# %%
%%fsharp
let w = 4
