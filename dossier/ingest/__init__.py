"""MkDocs-free stage that reads seed files into Articles."""
