"""World café screens: participant phone view, facilitator boards, projection."""
