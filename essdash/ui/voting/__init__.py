"""Priority-vote screens: participant ballot, facilitator controls, projected results."""
