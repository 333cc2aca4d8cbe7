"""The consultation's pages: the residents' and staff's page of one consultation (`page`), the staff's
steps (`staff`) and the public pages without login (`public`)."""
