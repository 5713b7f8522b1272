"""The staff groups' names, which the apps' permission checks and `practice.roles` (which
grants each group its permissions) share."""

FRONT_DESK = "Front desk"
CONTENT_EDITORS = "Content editors"
CLINICAL_STAFF = "Clinical staff"
