"""Words & Pictures storyboard builder."""
