//! The handbook's Markdown: blocks (a heading, a paragraph, a list)
//! separated by one blank line; a list's items each start with `- `.

#[derive(Default)]
pub struct Doc {
    blocks: Vec<String>,
    /// Whether the last block is a list the next item joins.
    in_list: bool,
}

impl Doc {
    /// A heading or a paragraph; an empty one is left out.
    pub fn block(&mut self, text: &str) {
        if !text.is_empty() {
            self.blocks.push(text.to_string());
            self.in_list = false;
        }
    }

    /// An item of the list under the last block; an empty one is left out.
    pub fn item(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.blocks.last_mut() {
            Some(list) if self.in_list => {
                list.push_str("\n- ");
                list.push_str(text);
            }
            _ => {
                self.blocks.push(format!("- {text}"));
                self.in_list = true;
            }
        }
    }

    /// The text, each line ended.
    pub fn finish(self) -> String {
        let mut out = self.blocks.join("\n\n");
        out.push('\n');
        out
    }
}
