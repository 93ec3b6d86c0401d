# ---
# jupyter:
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
